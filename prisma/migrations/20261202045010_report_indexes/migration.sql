-- CreateIndex
CREATE INDEX "CheckIn_pairingId_status_dueAt_idx" ON "CheckIn"("pairingId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Feedback_participantId_kind_rating_createdAt_idx" ON "Feedback"("participantId", "kind", "rating", "createdAt");
