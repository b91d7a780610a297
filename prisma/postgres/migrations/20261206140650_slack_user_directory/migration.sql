-- CreateTable
CREATE TABLE "SlackUser" (
    "slackUserId" TEXT NOT NULL,
    "timezone" TEXT,
    "locale" TEXT,
    "displayName" TEXT NOT NULL DEFAULT '',
    "realName" TEXT NOT NULL DEFAULT '',
    "fetchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackUser_pkey" PRIMARY KEY ("slackUserId")
);
