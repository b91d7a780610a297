-- AlterTable
ALTER TABLE "Feedback" ADD COLUMN "pairingId" TEXT;
ALTER TABLE "Feedback" ADD COLUMN "progress" INTEGER;

-- CreateTable
CREATE TABLE "FeedbackRequest" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "pairingId" TEXT NOT NULL,
    "checkInId" TEXT,
    "remindAt" DATETIME,
    "remindedAt" DATETIME,
    "answeredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FeedbackRequest_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FeedbackRequest_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Pairing" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "matchRunId" TEXT,
    "mentorId" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "score" REAL NOT NULL DEFAULT 0,
    "reasonsJson" TEXT NOT NULL DEFAULT '[]',
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "cadenceDays" INTEGER NOT NULL DEFAULT 14,
    "groupChannelId" TEXT,
    "introducedAt" DATETIME,
    "endedAt" DATETIME,
    "endReason" TEXT,
    "atRiskFlaggedAt" DATETIME,
    "objectives" TEXT NOT NULL DEFAULT '',
    "objectivesUpdatedAt" DATETIME,
    "midpointSurveyAt" DATETIME,
    "finalSurveyAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Pairing_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Pairing_matchRunId_fkey" FOREIGN KEY ("matchRunId") REFERENCES "MatchRun" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Pairing_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Pairing_menteeId_fkey" FOREIGN KEY ("menteeId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Pairing" ("atRiskFlaggedAt", "cadenceDays", "createdAt", "endReason", "endedAt", "groupChannelId", "id", "introducedAt", "matchRunId", "menteeId", "mentorId", "pinned", "programmeId", "reasonsJson", "score", "status", "updatedAt") SELECT "atRiskFlaggedAt", "cadenceDays", "createdAt", "endReason", "endedAt", "groupChannelId", "id", "introducedAt", "matchRunId", "menteeId", "mentorId", "pinned", "programmeId", "reasonsJson", "score", "status", "updatedAt" FROM "Pairing";
DROP TABLE "Pairing";
ALTER TABLE "new_Pairing" RENAME TO "Pairing";
CREATE INDEX "Pairing_programmeId_status_idx" ON "Pairing"("programmeId", "status");
CREATE INDEX "Pairing_mentorId_idx" ON "Pairing"("mentorId");
CREATE INDEX "Pairing_menteeId_idx" ON "Pairing"("menteeId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "FeedbackRequest_remindAt_idx" ON "FeedbackRequest"("remindAt");

-- CreateIndex
CREATE INDEX "FeedbackRequest_participantId_idx" ON "FeedbackRequest"("participantId");

-- CreateIndex
CREATE INDEX "FeedbackRequest_pairingId_idx" ON "FeedbackRequest"("pairingId");

-- CreateIndex
CREATE INDEX "Feedback_pairingId_idx" ON "Feedback"("pairingId");
