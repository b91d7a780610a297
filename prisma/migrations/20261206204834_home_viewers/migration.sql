-- CreateTable
CREATE TABLE "HomeViewer" (
    "slackUserId" TEXT NOT NULL PRIMARY KEY,
    "openedAt" DATETIME NOT NULL
);
