-- AlterTable
ALTER TABLE "Pairing" ADD COLUMN     "cadenceChosen" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ProgrammeTopic" ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ProgrammeChange" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "editKey" TEXT NOT NULL,
    "changedBySlackId" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL,
    "field" TEXT NOT NULL,
    "before" TEXT NOT NULL DEFAULT '',
    "after" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ProgrammeChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProgrammeChange_programmeId_changedAt_idx" ON "ProgrammeChange"("programmeId", "changedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ProgrammeChange_editKey_field_key" ON "ProgrammeChange"("editKey", "field");

-- AddForeignKey
ALTER TABLE "ProgrammeChange" ADD CONSTRAINT "ProgrammeChange_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A pair whose cadence differs from its programme's default chose its own: a new default leaves it alone.
UPDATE "Pairing" SET "cadenceChosen" = true WHERE "cadenceDays" <> (SELECT "cadenceDays" FROM "Programme" WHERE "Programme"."id" = "Pairing"."programmeId");
