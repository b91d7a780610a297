-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "startDate" TIMESTAMP(3) NOT NULL,
    "durationMonths" INTEGER NOT NULL,
    "endDate" TIMESTAMP(3) NOT NULL,
    "cadenceDays" INTEGER NOT NULL DEFAULT 14,
    "minSeniorityGap" INTEGER NOT NULL DEFAULT 1,
    "objectives" TEXT NOT NULL DEFAULT '',
    "signupDeadline" TIMESTAMP(3) NOT NULL,
    "announcementChannel" TEXT,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "createdBySlackId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeTopic" (
    "programmeId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ProgrammeTopic_pkey" PRIMARY KEY ("programmeId","key")
);

-- CreateTable
CREATE TABLE "Coordinator" (
    "slackUserId" TEXT NOT NULL,
    "addedBySlackId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Coordinator_pkey" PRIMARY KEY ("slackUserId")
);

-- CreateTable
CREATE TABLE "Participant" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL DEFAULT '',
    "title" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL,
    "seniorityLevel" INTEGER NOT NULL,
    "careerStage" TEXT NOT NULL DEFAULT '',
    "generation" TEXT NOT NULL DEFAULT '',
    "department" TEXT NOT NULL DEFAULT '',
    "managerSlackId" TEXT,
    "goals" TEXT NOT NULL DEFAULT '',
    "meetingPreference" TEXT NOT NULL DEFAULT 'either',
    "capacity" INTEGER NOT NULL DEFAULT 1,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "status" TEXT NOT NULL DEFAULT 'active',
    "pausedUntil" TIMESTAMP(3),
    "leftAt" TIMESTAMP(3),
    "erasedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Participant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParticipantTopic" (
    "participantId" TEXT NOT NULL,
    "topicKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,

    CONSTRAINT "ParticipantTopic_pkey" PRIMARY KEY ("participantId","kind","topicKey")
);

-- CreateTable
CREATE TABLE "AvoidEntry" (
    "participantId" TEXT NOT NULL,
    "avoidSlackUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AvoidEntry_pkey" PRIMARY KEY ("participantId","avoidSlackUserId")
);

-- CreateTable
CREATE TABLE "MatchRun" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "inputHash" TEXT NOT NULL,
    "totalScore" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "unmatchedJson" TEXT NOT NULL DEFAULT '[]',
    "createdBySlackId" TEXT NOT NULL,
    "approvedBySlackId" TEXT,
    "approvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MatchRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pairing" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "matchRunId" TEXT,
    "mentorId" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "score" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "reasonsJson" TEXT NOT NULL DEFAULT '[]',
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "cadenceDays" INTEGER NOT NULL DEFAULT 14,
    "groupChannelId" TEXT,
    "introducedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,
    "atRiskFlaggedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pairing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckIn" (
    "id" TEXT NOT NULL,
    "pairingId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'due',
    "scheduledFor" TIMESTAMP(3),
    "metAt" TIMESTAMP(3),
    "loggedBySlackId" TEXT,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "nextNudgeAt" TIMESTAMP(3),
    "claimedBy" TEXT,
    "claimedUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" TEXT NOT NULL,
    "answerKey" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "checkInId" TEXT,
    "kind" TEXT NOT NULL,
    "rating" INTEGER,
    "learned" TEXT NOT NULL DEFAULT '',
    "recommendScore" INTEGER,
    "changed" TEXT NOT NULL DEFAULT '',
    "commitment" TEXT NOT NULL DEFAULT '',
    "concern" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackTopic" (
    "feedbackId" TEXT NOT NULL,
    "topicKey" TEXT NOT NULL,

    CONSTRAINT "FeedbackTopic_pkey" PRIMARY KEY ("feedbackId","topicKey")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payloadJson" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "channelId" TEXT,
    "messageTs" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "eventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Programme_status_idx" ON "Programme"("status");

-- CreateIndex
CREATE INDEX "Participant_slackUserId_idx" ON "Participant"("slackUserId");

-- CreateIndex
CREATE INDEX "Participant_programmeId_status_idx" ON "Participant"("programmeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_programmeId_slackUserId_key" ON "Participant"("programmeId", "slackUserId");

-- CreateIndex
CREATE INDEX "ParticipantTopic_topicKey_idx" ON "ParticipantTopic"("topicKey");

-- CreateIndex
CREATE INDEX "MatchRun_programmeId_status_idx" ON "MatchRun"("programmeId", "status");

-- CreateIndex
CREATE INDEX "Pairing_programmeId_status_idx" ON "Pairing"("programmeId", "status");

-- CreateIndex
CREATE INDEX "Pairing_mentorId_idx" ON "Pairing"("mentorId");

-- CreateIndex
CREATE INDEX "Pairing_menteeId_idx" ON "Pairing"("menteeId");

-- CreateIndex
CREATE INDEX "CheckIn_status_nextNudgeAt_idx" ON "CheckIn"("status", "nextNudgeAt");

-- CreateIndex
CREATE INDEX "CheckIn_dueAt_idx" ON "CheckIn"("dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "CheckIn_pairingId_sequence_key" ON "CheckIn"("pairingId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_answerKey_key" ON "Feedback"("answerKey");

-- CreateIndex
CREATE INDEX "Feedback_participantId_idx" ON "Feedback"("participantId");

-- CreateIndex
CREATE INDEX "Feedback_checkInId_idx" ON "Feedback"("checkInId");

-- CreateIndex
CREATE INDEX "Feedback_kind_idx" ON "Feedback"("kind");

-- CreateIndex
CREATE INDEX "FeedbackTopic_topicKey_idx" ON "FeedbackTopic"("topicKey");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_idempotencyKey_key" ON "OutboxMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "ProcessedEvent_receivedAt_idx" ON "ProcessedEvent"("receivedAt");

-- AddForeignKey
ALTER TABLE "ProgrammeTopic" ADD CONSTRAINT "ProgrammeTopic_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipantTopic" ADD CONSTRAINT "ParticipantTopic_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AvoidEntry" ADD CONSTRAINT "AvoidEntry_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchRun" ADD CONSTRAINT "MatchRun_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_matchRunId_fkey" FOREIGN KEY ("matchRunId") REFERENCES "MatchRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pairing" ADD CONSTRAINT "Pairing_menteeId_fkey" FOREIGN KEY ("menteeId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_pairingId_fkey" FOREIGN KEY ("pairingId") REFERENCES "Pairing"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_participantId_fkey" FOREIGN KEY ("participantId") REFERENCES "Participant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_checkInId_fkey" FOREIGN KEY ("checkInId") REFERENCES "CheckIn"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackTopic" ADD CONSTRAINT "FeedbackTopic_feedbackId_fkey" FOREIGN KEY ("feedbackId") REFERENCES "Feedback"("id") ON DELETE CASCADE ON UPDATE CASCADE;
