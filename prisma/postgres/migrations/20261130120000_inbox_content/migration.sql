-- CreateTable
CREATE TABLE "ShopSettings" (
    "shop" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'suggest',
    "defaultLanguage" TEXT NOT NULL DEFAULT 'en',
    "languages" TEXT NOT NULL DEFAULT '["en","zh","es","fr"]',
    "sensitiveIntents" TEXT NOT NULL DEFAULT '["complaint","negative_review_threat","return_request"]',
    "autoSendIntents" TEXT NOT NULL DEFAULT '["order_status","shipping_info","return_policy","greeting_thanks"]',
    "thresholds" TEXT NOT NULL DEFAULT '{}',
    "complianceRules" TEXT NOT NULL DEFAULT '{}',
    "contactFormTexts" TEXT NOT NULL DEFAULT '{}',
    "smtpHost" TEXT,
    "smtpPort" INTEGER,
    "smtpSecure" BOOLEAN NOT NULL DEFAULT false,
    "smtpUser" TEXT,
    "smtpPasswordEnc" TEXT,
    "fromEmail" TEXT,
    "fromName" TEXT,
    "inboundAddress" TEXT,
    "inboundSecretEnc" TEXT,
    "autoRetrainAfter" INTEGER,
    "attributionWindowDays" INTEGER NOT NULL DEFAULT 7,
    "attributionModel" TEXT NOT NULL DEFAULT 'last_touch',
    "urlTagging" BOOLEAN NOT NULL DEFAULT false,
    "eventRetentionDays" INTEGER NOT NULL DEFAULT 90,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "customerEmail" TEXT,
    "customerName" TEXT,
    "orderName" TEXT,
    "subject" TEXT,
    "threadKey" TEXT,
    "lastMessageAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "source" TEXT,
    "conversationId" TEXT,
    "customerName" TEXT,
    "customerEmail" TEXT,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "html" TEXT,
    "emailMessageId" TEXT,
    "inReplyTo" TEXT,
    "references" TEXT,
    "language" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'new',
    "stage" TEXT NOT NULL DEFAULT 'received',
    "priority" TEXT NOT NULL DEFAULT 'normal',
    "priorityScore" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "intent" TEXT,
    "confidence" DOUBLE PRECISION,
    "alternatives" TEXT,
    "entities" TEXT,
    "urgency" DOUBLE PRECISION,
    "orderContext" TEXT,
    "suggestedReply" TEXT,
    "templateId" TEXT,
    "decisionReason" TEXT,
    "failureReason" TEXT,
    "modelVersion" INTEGER,
    "processedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "firstResponseAt" TIMESTAMP(3),

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplyTemplate" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "intent" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReplyTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reply" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "conversationId" TEXT,
    "body" TEXT NOT NULL,
    "author" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "emailMessageId" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportJob" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "filename" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "report" TEXT NOT NULL DEFAULT '[]',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntentExample" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "messageId" TEXT,
    "text" TEXT NOT NULL,
    "language" TEXT,
    "label" TEXT NOT NULL,
    "predicted" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IntentExample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntentModel" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "model" TEXT,
    "examples" INTEGER NOT NULL DEFAULT 0,
    "accuracyBefore" DOUBLE PRECISION,
    "accuracyAfter" DOUBLE PRECISION,
    "heldBack" INTEGER NOT NULL DEFAULT 0,
    "corpusBefore" DOUBLE PRECISION,
    "corpusAfter" DOUBLE PRECISION,
    "trainMs" INTEGER,
    "note" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activatedAt" TIMESTAMP(3),

    CONSTRAINT "IntentModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContentItem" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "posterUrl" TEXT,
    "shopifyFileId" TEXT,
    "creatorHandle" TEXT,
    "sourceLink" TEXT,
    "rightsStatus" TEXT,
    "rightsRequestedAt" TIMESTAMP(3),
    "rightsGrantedAt" TIMESTAMP(3),
    "rightsExpiresAt" TIMESTAMP(3),
    "moderation" TEXT NOT NULL DEFAULT 'pending',
    "altText" TEXT,
    "caption" TEXT,
    "captionsUrl" TEXT,
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,
    "utmContent" TEXT,
    "costMinor" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ContentItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContentProduct" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "variantId" TEXT,
    "handle" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "imageUrl" TEXT,
    "price" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ContentProduct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feed" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "utmSource" TEXT,
    "utmMedium" TEXT,
    "utmCampaign" TEXT,
    "costMinor" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Feed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedItem" (
    "feedId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "FeedItem_pkey" PRIMARY KEY ("feedId","itemId")
);

-- CreateTable
CREATE TABLE "ContentEvent" (
    "id" SERIAL NOT NULL,
    "shop" TEXT NOT NULL,
    "clientEventId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "feedId" TEXT,
    "itemId" TEXT,
    "productId" TEXT,
    "visitorId" TEXT,
    "utmSource" TEXT NOT NULL DEFAULT '',
    "utmMedium" TEXT NOT NULL DEFAULT '',
    "utmCampaign" TEXT NOT NULL DEFAULT '',
    "utmContent" TEXT NOT NULL DEFAULT '',
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContentEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventRollup" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "feedId" TEXT NOT NULL DEFAULT '',
    "itemId" TEXT NOT NULL DEFAULT '',
    "utmSource" TEXT NOT NULL DEFAULT '',
    "utmMedium" TEXT NOT NULL DEFAULT '',
    "utmCampaign" TEXT NOT NULL DEFAULT '',
    "utmContent" TEXT NOT NULL DEFAULT '',
    "impressions" INTEGER NOT NULL DEFAULT 0,
    "plays" INTEGER NOT NULL DEFAULT 0,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "addToCarts" INTEGER NOT NULL DEFAULT 0,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "assisted" INTEGER NOT NULL DEFAULT 0,
    "revenueMinor" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "EventRollup_pkey" PRIMARY KEY ("shop","day","feedId","itemId","utmSource","utmMedium","utmCampaign","utmContent")
);

-- CreateTable
CREATE TABLE "AttributedOrder" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT,
    "currency" TEXT NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    "refundedMinor" INTEGER NOT NULL DEFAULT 0,
    "refunds" TEXT NOT NULL DEFAULT '{}',
    "rolledModel" TEXT NOT NULL DEFAULT 'last_touch',
    "rolledDay" TEXT NOT NULL DEFAULT '',
    "customerEmail" TEXT,
    "landingSite" TEXT,
    "processedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttributedOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderCredit" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderRowId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "signal" TEXT NOT NULL,
    "feedId" TEXT NOT NULL DEFAULT '',
    "itemId" TEXT NOT NULL DEFAULT '',
    "replyMessageId" TEXT,
    "utmSource" TEXT NOT NULL DEFAULT '',
    "utmMedium" TEXT NOT NULL DEFAULT '',
    "utmCampaign" TEXT NOT NULL DEFAULT '',
    "utmContent" TEXT NOT NULL DEFAULT '',
    "revenueMinor" INTEGER NOT NULL,
    "touchAt" TIMESTAMP(3),

    CONSTRAINT "OrderCredit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PixelCheckout" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "touches" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PixelCheckout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContentCost" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "itemId" TEXT,
    "utmCampaign" TEXT,
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT NOT NULL,
    "costMinor" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContentCost_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Conversation_shop_customerEmail_idx" ON "Conversation"("shop", "customerEmail");

-- CreateIndex
CREATE INDEX "Conversation_shop_threadKey_idx" ON "Conversation"("shop", "threadKey");

-- CreateIndex
CREATE INDEX "Conversation_shop_lastMessageAt_idx" ON "Conversation"("shop", "lastMessageAt");

-- CreateIndex
CREATE INDEX "Message_shop_status_priorityScore_receivedAt_idx" ON "Message"("shop", "status", "priorityScore", "receivedAt");

-- CreateIndex
CREATE INDEX "Message_shop_status_priorityScore_receivedAt_id_idx" ON "Message"("shop", "status", "priorityScore" DESC, "receivedAt", "id");

-- CreateIndex
CREATE INDEX "Message_shop_priorityScore_receivedAt_id_idx" ON "Message"("shop", "priorityScore" DESC, "receivedAt", "id");

-- CreateIndex
CREATE INDEX "Message_shop_receivedAt_idx" ON "Message"("shop", "receivedAt");

-- CreateIndex
CREATE INDEX "Message_shop_intent_receivedAt_idx" ON "Message"("shop", "intent", "receivedAt");

-- CreateIndex
CREATE INDEX "Message_shop_customerEmail_idx" ON "Message"("shop", "customerEmail");

-- CreateIndex
CREATE INDEX "Message_shop_emailMessageId_idx" ON "Message"("shop", "emailMessageId");

-- CreateIndex
CREATE INDEX "Message_stage_idx" ON "Message"("stage");

-- CreateIndex
CREATE UNIQUE INDEX "Message_shop_channel_externalId_key" ON "Message"("shop", "channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ReplyTemplate_shop_intent_language_key" ON "ReplyTemplate"("shop", "intent", "language");

-- CreateIndex
CREATE INDEX "Reply_shop_messageId_idx" ON "Reply"("shop", "messageId");

-- CreateIndex
CREATE INDEX "Reply_shop_createdAt_idx" ON "Reply"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_shop_idx" ON "ApiKey"("shop");

-- CreateIndex
CREATE INDEX "ImportJob_shop_createdAt_idx" ON "ImportJob"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "IntentExample_shop_createdAt_idx" ON "IntentExample"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "IntentExample_shop_messageId_key" ON "IntentExample"("shop", "messageId");

-- CreateIndex
CREATE INDEX "IntentModel_shop_status_idx" ON "IntentModel"("shop", "status");

-- CreateIndex
CREATE UNIQUE INDEX "IntentModel_shop_version_key" ON "IntentModel"("shop", "version");

-- CreateIndex
CREATE INDEX "ContentItem_shop_kind_createdAt_idx" ON "ContentItem"("shop", "kind", "createdAt");

-- CreateIndex
CREATE INDEX "ContentProduct_shop_productId_idx" ON "ContentProduct"("shop", "productId");

-- CreateIndex
CREATE UNIQUE INDEX "ContentProduct_itemId_productId_variantId_key" ON "ContentProduct"("itemId", "productId", "variantId");

-- CreateIndex
CREATE UNIQUE INDEX "Feed_shop_handle_key" ON "Feed"("shop", "handle");

-- CreateIndex
CREATE INDEX "FeedItem_feedId_position_idx" ON "FeedItem"("feedId", "position");

-- CreateIndex
CREATE INDEX "ContentEvent_shop_occurredAt_idx" ON "ContentEvent"("shop", "occurredAt");

-- CreateIndex
CREATE INDEX "ContentEvent_shop_visitorId_occurredAt_idx" ON "ContentEvent"("shop", "visitorId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "ContentEvent_shop_clientEventId_key" ON "ContentEvent"("shop", "clientEventId");

-- CreateIndex
CREATE INDEX "EventRollup_shop_day_idx" ON "EventRollup"("shop", "day");

-- CreateIndex
CREATE INDEX "AttributedOrder_shop_processedAt_idx" ON "AttributedOrder"("shop", "processedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AttributedOrder_shop_orderId_key" ON "AttributedOrder"("shop", "orderId");

-- CreateIndex
CREATE INDEX "OrderCredit_shop_orderRowId_idx" ON "OrderCredit"("shop", "orderRowId");

-- CreateIndex
CREATE INDEX "OrderCredit_shop_itemId_idx" ON "OrderCredit"("shop", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "PixelCheckout_shop_orderId_key" ON "PixelCheckout"("shop", "orderId");

-- CreateIndex
CREATE INDEX "ContentCost_shop_startsOn_idx" ON "ContentCost"("shop", "startsOn");

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reply" ADD CONSTRAINT "Reply_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContentProduct" ADD CONSTRAINT "ContentProduct_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ContentItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedItem" ADD CONSTRAINT "FeedItem_feedId_fkey" FOREIGN KEY ("feedId") REFERENCES "Feed"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedItem" ADD CONSTRAINT "FeedItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ContentItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderCredit" ADD CONSTRAINT "OrderCredit_orderRowId_fkey" FOREIGN KEY ("orderRowId") REFERENCES "AttributedOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

