-- CreateTable
CREATE TABLE "SlackUser" (
    "slackUserId" TEXT NOT NULL PRIMARY KEY,
    "timezone" TEXT,
    "locale" TEXT,
    "displayName" TEXT NOT NULL DEFAULT '',
    "realName" TEXT NOT NULL DEFAULT '',
    "fetchedAt" DATETIME NOT NULL
);
