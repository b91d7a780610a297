-- AlterTable
ALTER TABLE "Feedback" ADD COLUMN     "pairingId" TEXT,
ADD COLUMN     "progress" INTEGER;

-- AlterTable
ALTER TABLE "Pairing" ADD COLUMN     "finalSurveyAt" TIMESTAMP(3),
ADD COLUMN     "midpointSurveyAt" TIMESTAMP(3),
ADD COLUMN     "objectives" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "objectivesUpdatedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "FeedbackRequest" (
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "pairingId" TEXT NOT NULL,
    "checkInId" TEXT,
    "remindAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackRequest_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "FeedbackRequest_remindAt_idx" ON "FeedbackRequest"("remindAt");

-- CreateIndex
CREATE INDEX "FeedbackRequest_participantId_idx" ON "FeedbackRequest"("participantId");

-- CreateIndex
CREATE INDEX "FeedbackRequest_pairingId_idx" ON "FeedbackRequest"("pairingId");

-- CreateIndex
CREATE INDEX "Feedback_pairingId_idx" ON "Feedback"("pairingId");

-- AddForeignKey
ALTER TABLE "FeedbackRequest" ADD CONSTRAINT "FeedbackRequest_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackRequest" ADD CONSTRAINT "FeedbackRequest_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE CASCADE ON UPDATE CASCADE;
