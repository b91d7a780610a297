-- CreateTable
CREATE TABLE "InboxRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "bodyJson" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseOwner" TEXT,
    "leaseUntil" DATETIME,
    "nextAttemptAt" DATETIME NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "lastError" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "InboxRequest_requestKey_key" ON "InboxRequest"("requestKey");

-- CreateIndex
CREATE INDEX "InboxRequest_status_nextAttemptAt_idx" ON "InboxRequest"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "InboxRequest_receivedAt_idx" ON "InboxRequest"("receivedAt");
