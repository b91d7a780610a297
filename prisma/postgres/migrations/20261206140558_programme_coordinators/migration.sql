-- CreateTable
CREATE TABLE "ProgrammeCoordinator" (
    "programmeId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "addedBySlackId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgrammeCoordinator_pkey" PRIMARY KEY ("programmeId","slackUserId")
);

-- CreateIndex
CREATE INDEX "ProgrammeCoordinator_slackUserId_idx" ON "ProgrammeCoordinator"("slackUserId");

-- AddForeignKey
ALTER TABLE "ProgrammeCoordinator" ADD CONSTRAINT "ProgrammeCoordinator_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;
