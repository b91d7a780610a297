-- CreateTable
CREATE TABLE "InboxRequest" (
    "id" TEXT NOT NULL,
    "requestKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "bodyJson" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "InboxRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboxRequest_requestKey_key" ON "InboxRequest"("requestKey");

-- CreateIndex
CREATE INDEX "InboxRequest_status_nextAttemptAt_idx" ON "InboxRequest"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "InboxRequest_receivedAt_idx" ON "InboxRequest"("receivedAt");
