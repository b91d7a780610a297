-- CreateTable
CREATE TABLE "CoordinatorDigest" (
    "programmeId" TEXT NOT NULL,
    "coordinator" TEXT NOT NULL,
    "weekOf" TEXT NOT NULL,
    "coveredUntil" TIMESTAMP(3) NOT NULL,
    "items" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CoordinatorDigest_pkey" PRIMARY KEY ("programmeId","coordinator","weekOf")
);

-- CreateIndex
CREATE INDEX "CoordinatorDigest_programmeId_coordinator_coveredUntil_idx" ON "CoordinatorDigest"("programmeId", "coordinator", "coveredUntil");

-- AddForeignKey
ALTER TABLE "CoordinatorDigest" ADD CONSTRAINT "CoordinatorDigest_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;
