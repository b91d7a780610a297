-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN "invitationSequence" INTEGER;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "uploadedFileId" TEXT;

-- CreateTable
CREATE TABLE "PauseSpell" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "participantId" TEXT,
    "pairingId" TEXT,
    "startedAt" DATETIME NOT NULL,
    "endsAt" DATETIME,
    CONSTRAINT "PauseSpell_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PauseSpell_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PauseSpell_participantId_idx" ON "PauseSpell"("participantId");

-- CreateIndex
CREATE INDEX "PauseSpell_pairingId_idx" ON "PauseSpell"("pairingId");
