-- CreateTable
CREATE TABLE "ProgrammeCoordinator" (
    "programmeId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "addedBySlackId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("programmeId", "slackUserId"),
    CONSTRAINT "ProgrammeCoordinator_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ProgrammeCoordinator_slackUserId_idx" ON "ProgrammeCoordinator"("slackUserId");
