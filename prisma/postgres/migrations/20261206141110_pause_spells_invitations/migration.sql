-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN     "invitationSequence" INTEGER;

-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "uploadedFileId" TEXT;

-- CreateTable
CREATE TABLE "PauseSpell" (
    "id" TEXT NOT NULL,
    "participantId" TEXT,
    "pairingId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3),

    CONSTRAINT "PauseSpell_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PauseSpell_participantId_idx" ON "PauseSpell"("participantId");

-- CreateIndex
CREATE INDEX "PauseSpell_pairingId_idx" ON "PauseSpell"("pairingId");

-- AddForeignKey
ALTER TABLE "PauseSpell" ADD CONSTRAINT "PauseSpell_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PauseSpell" ADD CONSTRAINT "PauseSpell_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE CASCADE ON UPDATE CASCADE;
