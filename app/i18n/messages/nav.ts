import { defineMessages } from "../i18n.ts";

export const navMessages = defineMessages({
  en: {
    home: "Home",
    inbox: "Inbox",
    knowledge: "Knowledge base",
    content: "Content",
    report: "Report",
    insights: "Insights",
    settings: "Settings",
  },
  "zh-CN": {
    home: "首页",
    inbox: "收件箱",
    knowledge: "知识库",
    content: "内容",
    report: "报告",
    insights: "洞察",
    settings: "设置",
  },
});
