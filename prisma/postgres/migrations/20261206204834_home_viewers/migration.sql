-- CreateTable
CREATE TABLE "HomeViewer" (
    "slackUserId" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HomeViewer_pkey" PRIMARY KEY ("slackUserId")
);
