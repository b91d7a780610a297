-- CreateTable
CREATE TABLE "CoordinatorDigest" (
    "programmeId" TEXT NOT NULL,
    "coordinator" TEXT NOT NULL,
    "weekOf" TEXT NOT NULL,
    "coveredUntil" DATETIME NOT NULL,
    "items" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("programmeId", "coordinator", "weekOf"),
    CONSTRAINT "CoordinatorDigest_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "CoordinatorDigest_programmeId_coordinator_coveredUntil_idx" ON "CoordinatorDigest"("programmeId", "coordinator", "coveredUntil");
