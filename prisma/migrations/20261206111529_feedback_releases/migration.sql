-- CreateTable
CREATE TABLE "FeedbackRelease" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "programmeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "releasedAt" DATETIME NOT NULL,
    "answers" INTEGER NOT NULL,
    "people" INTEGER NOT NULL,
    "commentsWithdrawnAt" DATETIME,
    CONSTRAINT "FeedbackRelease_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReleasedAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "releaseId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "feedbackId" TEXT,
    "personKey" TEXT NOT NULL,
    "releasedAt" DATETIME NOT NULL,
    "rating" INTEGER,
    "progress" INTEGER,
    "recommendScore" INTEGER,
    "learned" TEXT NOT NULL DEFAULT '',
    "changed" TEXT NOT NULL DEFAULT '',
    "commitment" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ReleasedAnswer_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "FeedbackRelease" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReleasedAnswerTopic" (
    "releasedAnswerId" TEXT NOT NULL,
    "topicKey" TEXT NOT NULL,

    PRIMARY KEY ("releasedAnswerId", "topicKey"),
    CONSTRAINT "ReleasedAnswerTopic_releasedAnswerId_fkey" FOREIGN KEY ("releasedAnswerId") REFERENCES "ReleasedAnswer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Feedback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "answerKey" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "checkInId" TEXT,
    "pairingId" TEXT,
    "kind" TEXT NOT NULL,
    "rating" INTEGER,
    "progress" INTEGER,
    "learned" TEXT NOT NULL DEFAULT '',
    "recommendScore" INTEGER,
    "changed" TEXT NOT NULL DEFAULT '',
    "commitment" TEXT NOT NULL DEFAULT '',
    "concern" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "pendingRelease" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "Feedback_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Feedback_checkInId_fkey" FOREIGN KEY ("checkInId") REFERENCES "CheckIn" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Feedback" ("answerKey", "changed", "checkInId", "commitment", "concern", "createdAt", "id", "kind", "learned", "pairingId", "participantId", "progress", "rating", "recommendScore", "updatedAt") SELECT "answerKey", "changed", "checkInId", "commitment", "concern", "createdAt", "id", "kind", "learned", "pairingId", "participantId", "progress", "rating", "recommendScore", "updatedAt" FROM "Feedback";
DROP TABLE "Feedback";
ALTER TABLE "new_Feedback" RENAME TO "Feedback";
CREATE UNIQUE INDEX "Feedback_answerKey_key" ON "Feedback"("answerKey");
CREATE INDEX "Feedback_participantId_idx" ON "Feedback"("participantId");
CREATE INDEX "Feedback_checkInId_idx" ON "Feedback"("checkInId");
CREATE INDEX "Feedback_pairingId_idx" ON "Feedback"("pairingId");
CREATE INDEX "Feedback_kind_idx" ON "Feedback"("kind");
CREATE INDEX "Feedback_participantId_kind_rating_createdAt_idx" ON "Feedback"("participantId", "kind", "rating", "createdAt");
CREATE INDEX "Feedback_kind_pendingRelease_idx" ON "Feedback"("kind", "pendingRelease");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "FeedbackRelease_programmeId_kind_releasedAt_idx" ON "FeedbackRelease"("programmeId", "kind", "releasedAt");

-- CreateIndex
CREATE INDEX "ReleasedAnswer_programmeId_kind_releasedAt_idx" ON "ReleasedAnswer"("programmeId", "kind", "releasedAt");

-- CreateIndex
CREATE INDEX "ReleasedAnswer_feedbackId_idx" ON "ReleasedAnswer"("feedbackId");

-- CreateIndex
CREATE INDEX "ReleasedAnswer_releaseId_idx" ON "ReleasedAnswer"("releaseId");

-- CreateIndex
CREATE INDEX "ReleasedAnswerTopic_topicKey_idx" ON "ReleasedAnswerTopic"("topicKey");
