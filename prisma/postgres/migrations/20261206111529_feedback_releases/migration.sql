-- AlterTable
ALTER TABLE "Feedback" ADD COLUMN     "pendingRelease" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "FeedbackRelease" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "releasedAt" TIMESTAMP(3) NOT NULL,
    "answers" INTEGER NOT NULL,
    "people" INTEGER NOT NULL,
    "commentsWithdrawnAt" TIMESTAMP(3),

    CONSTRAINT "FeedbackRelease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleasedAnswer" (
    "id" TEXT NOT NULL,
    "releaseId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "feedbackId" TEXT,
    "personKey" TEXT NOT NULL,
    "releasedAt" TIMESTAMP(3) NOT NULL,
    "rating" INTEGER,
    "progress" INTEGER,
    "recommendScore" INTEGER,
    "learned" TEXT NOT NULL DEFAULT '',
    "changed" TEXT NOT NULL DEFAULT '',
    "commitment" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "ReleasedAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleasedAnswerTopic" (
    "releasedAnswerId" TEXT NOT NULL,
    "topicKey" TEXT NOT NULL,

    CONSTRAINT "ReleasedAnswerTopic_pkey" PRIMARY KEY ("releasedAnswerId","topicKey")
);

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

-- CreateIndex
CREATE INDEX "Feedback_kind_pendingRelease_idx" ON "Feedback"("kind", "pendingRelease");

-- AddForeignKey
ALTER TABLE "FeedbackRelease" ADD CONSTRAINT "FeedbackRelease_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleasedAnswer" ADD CONSTRAINT "ReleasedAnswer_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "FeedbackRelease"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleasedAnswerTopic" ADD CONSTRAINT "ReleasedAnswerTopic_releasedAnswerId_fkey" FOREIGN KEY ("releasedAnswerId") REFERENCES "ReleasedAnswer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
