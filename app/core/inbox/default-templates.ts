// The knowledge base every shop starts with: a reply for each intent of the
// taxonomy (SPEC §3) and for "unknown", in English, Chinese, Spanish and
// French. Merchants edit them in the admin; links point at the pages every
// Shopify store has (/policies/refund-policy, /account/login, …) so nothing
// here invents a policy the merchant does not have.
import type { InboxLanguage, TemplateIntent } from "./intents.ts";
import { INBOX_LANGUAGES, TEMPLATE_INTENTS } from "./intents.ts";

export type DefaultTemplate = { intent: TemplateIntent; language: InboxLanguage; subject: string; body: string; enabled: boolean };

const GREETING: Record<InboxLanguage, string> = {
  en: "Hi {{first_name|there}},",
  zh: "{{first_name|}}您好，",
  es: "Hola{{#first_name}} {{first_name}}{{/first_name}},",
  fr: "Bonjour{{#first_name}} {{first_name}}{{/first_name}},",
};

const SIGN_OFF: Record<InboxLanguage, string> = {
  en: "Best regards,\n{{shop_name}}",
  zh: "祝好，\n{{shop_name}}",
  es: "Un saludo,\n{{shop_name}}",
  fr: "Bien cordialement,\n{{shop_name}}",
};

const SUBJECT: Record<InboxLanguage, string> = {
  en: "Your message to {{shop_name}}",
  zh: "关于您给 {{shop_name}} 的留言",
  es: "Tu mensaje a {{shop_name}}",
  fr: "Votre message à {{shop_name}}",
};

const ITEMS: Record<InboxLanguage, string> = {
  en: "{{#product_links}}\n\nIn this order:\n{{product_links}}{{/product_links}}",
  zh: "{{#product_links}}\n\n订单中的商品：\n{{product_links}}{{/product_links}}",
  es: "{{#product_links}}\n\nEn este pedido:\n{{product_links}}{{/product_links}}",
  fr: "{{#product_links}}\n\nDans cette commande :\n{{product_links}}{{/product_links}}",
};

type Texts = Record<InboxLanguage, string>;

const CONTENT: Record<TemplateIntent, Texts> = {
  order_status: {
    en: "{{#order_name}}Your order {{order_name}} {{order_status}}.{{#tracking_link}} You can follow your parcel{{#carrier}} with {{carrier}}{{/carrier}} here: {{tracking_link}}{{/tracking_link}}{{/order_name}}{{^order_name}}Could you send us your order number (for example #1234) and the email address you used at checkout? We will look it up right away.{{/order_name}}",
    zh: "{{#order_name}}您的订单 {{order_name}} {{order_status}}。{{#tracking_link}}您可以在这里查看物流信息{{#carrier}}（{{carrier}}）{{/carrier}}：{{tracking_link}}{{/tracking_link}}{{/order_name}}{{^order_name}}请告诉我们您的订单号（例如 #1234）和下单时使用的邮箱，我们会马上为您查询。{{/order_name}}",
    es: "{{#order_name}}Tu pedido {{order_name}} {{order_status}}.{{#tracking_link}} Puedes seguir el envío{{#carrier}} con {{carrier}}{{/carrier}} aquí: {{tracking_link}}{{/tracking_link}}{{/order_name}}{{^order_name}}¿Nos puedes enviar tu número de pedido (por ejemplo #1234) y el correo con el que compraste? Lo revisamos enseguida.{{/order_name}}",
    fr: "{{#order_name}}Votre commande {{order_name}} {{order_status}}.{{#tracking_link}} Vous pouvez suivre votre colis{{#carrier}} ({{carrier}}){{/carrier}} ici : {{tracking_link}}{{/tracking_link}}{{/order_name}}{{^order_name}}Pourriez-vous nous envoyer votre numéro de commande (par exemple #1234) et l'adresse e-mail utilisée lors de l'achat ? Nous vérifions tout de suite.{{/order_name}}",
  },
  shipping_info: {
    en: "Thanks for your question about delivery. Delivery times, costs and the countries we ship to are listed in our shipping policy: {{shop_url}}/policies/shipping-policy\nIf you tell us where the parcel should go, we will confirm the options for you.",
    zh: "感谢您咨询配送信息。配送时间、运费和可配送的国家/地区请查看我们的配送政策：{{shop_url}}/policies/shipping-policy\n如果您告诉我们收货地址所在的国家，我们可以为您确认具体的配送方式。",
    es: "Gracias por tu pregunta sobre el envío. Los plazos, costes y países a los que enviamos están en nuestra política de envíos: {{shop_url}}/policies/shipping-policy\nSi nos dices a dónde debe ir el paquete, te confirmamos las opciones.",
    fr: "Merci pour votre question sur la livraison. Les délais, les frais et les pays desservis figurent dans notre politique d'expédition : {{shop_url}}/policies/shipping-policy\nIndiquez-nous la destination du colis et nous vous confirmerons les options.",
  },
  return_request: {
    en: "We're sorry the item didn't work out{{#order_name}} (order {{order_name}}){{/order_name}}. We'll help you with the return or exchange: could you tell us which item you'd like to return and why? Our return conditions are here: {{shop_url}}/policies/refund-policy",
    zh: "很抱歉商品未能让您满意{{#order_name}}（订单 {{order_name}}）{{/order_name}}。我们会协助您办理退货或换货：请告诉我们需要退回的商品以及原因。退货条件请见：{{shop_url}}/policies/refund-policy",
    es: "Sentimos que el artículo no te haya convencido{{#order_name}} (pedido {{order_name}}){{/order_name}}. Te ayudamos con la devolución o el cambio: ¿nos dices qué artículo quieres devolver y por qué? Nuestras condiciones de devolución están aquí: {{shop_url}}/policies/refund-policy",
    fr: "Nous sommes désolés que l'article ne vous convienne pas{{#order_name}} (commande {{order_name}}){{/order_name}}. Nous allons vous aider pour le retour ou l'échange : pourriez-vous nous indiquer l'article concerné et la raison ? Nos conditions de retour sont ici : {{shop_url}}/policies/refund-policy",
  },
  return_policy: {
    en: "You'll find our full return and refund policy here: {{shop_url}}/policies/refund-policy\nIt explains the return window, the condition items must be in and how refunds are paid. If you have an order in mind, send us its number and we'll tell you what applies.",
    zh: "我们的退换货及退款政策请见：{{shop_url}}/policies/refund-policy\n其中说明了退货期限、商品需满足的条件以及退款方式。如果是针对某个订单，请告诉我们订单号，我们会告知具体适用的规则。",
    es: "Encontrarás nuestra política de devoluciones y reembolsos aquí: {{shop_url}}/policies/refund-policy\nAhí se explica el plazo de devolución, en qué estado deben estar los artículos y cómo se hace el reembolso. Si se trata de un pedido concreto, envíanos su número y te diremos qué se aplica.",
    fr: "Vous trouverez notre politique de retour et de remboursement ici : {{shop_url}}/policies/refund-policy\nElle précise le délai de retour, l'état attendu des articles et le mode de remboursement. S'il s'agit d'une commande précise, envoyez-nous son numéro et nous vous dirons ce qui s'applique.",
  },
  refund_status: {
    en: "Thanks for checking in about your refund{{#order_name}} for order {{order_name}}{{/order_name}}. Once a refund is issued, it usually takes 5–10 business days to appear on your statement, depending on your bank. We're checking its status now and will get back to you.{{^order_name}} Could you send us your order number so we can find it faster?{{/order_name}}",
    zh: "感谢您询问退款进度{{#order_name}}（订单 {{order_name}}）{{/order_name}}。退款发出后，通常需要 5–10 个工作日到账，具体取决于您的银行。我们正在核实退款状态，稍后会回复您。{{^order_name}}请提供您的订单号，方便我们更快查询。{{/order_name}}",
    es: "Gracias por preguntar por tu reembolso{{#order_name}} del pedido {{order_name}}{{/order_name}}. Una vez emitido, suele tardar de 5 a 10 días hábiles en aparecer en tu cuenta, según tu banco. Estamos revisando su estado y te responderemos pronto.{{^order_name}} ¿Nos envías tu número de pedido para encontrarlo antes?{{/order_name}}",
    fr: "Merci de nous avoir contactés au sujet de votre remboursement{{#order_name}} pour la commande {{order_name}}{{/order_name}}. Une fois émis, un remboursement apparaît généralement sous 5 à 10 jours ouvrés, selon votre banque. Nous vérifions son statut et revenons vers vous.{{^order_name}} Pourriez-vous nous envoyer votre numéro de commande pour aller plus vite ?{{/order_name}}",
  },
  cancel_order: {
    en: "We've received your request to cancel{{#order_name}} order {{order_name}}{{/order_name}}{{^order_name}} your order{{/order_name}}. If it hasn't shipped yet, we'll cancel it and refund you in full; if it has already left, we'll explain how to return it. We'll confirm shortly.{{^order_name}} Please send us your order number.{{/order_name}}",
    zh: "我们已收到您取消{{#order_name}}订单 {{order_name}} {{/order_name}}{{^order_name}}订单{{/order_name}}的请求。如果订单尚未发货，我们会为您取消并全额退款；如果已经发出，我们会告诉您如何退货。我们会尽快确认。{{^order_name}}请告诉我们您的订单号。{{/order_name}}",
    es: "Hemos recibido tu solicitud para cancelar{{#order_name}} el pedido {{order_name}}{{/order_name}}{{^order_name}} tu pedido{{/order_name}}. Si aún no se ha enviado, lo cancelaremos y te reembolsaremos el importe completo; si ya salió, te explicaremos cómo devolverlo. Te lo confirmamos en breve.{{^order_name}} Por favor, envíanos tu número de pedido.{{/order_name}}",
    fr: "Nous avons bien reçu votre demande d'annulation{{#order_name}} de la commande {{order_name}}{{/order_name}}{{^order_name}} de commande{{/order_name}}. Si elle n'est pas encore expédiée, nous l'annulons et vous remboursons intégralement ; si elle est déjà partie, nous vous expliquerons comment la retourner. Nous vous confirmons cela rapidement.{{^order_name}} Merci de nous indiquer votre numéro de commande.{{/order_name}}",
  },
  change_order: {
    en: "Thanks for letting us know. We'll try to update{{#order_name}} order {{order_name}}{{/order_name}}{{^order_name}} your order{{/order_name}} before it ships. Please confirm exactly what should change (address, size, colour or item) and we'll get back to you as soon as it's done.{{^order_name}} Your order number will help us find it quickly.{{/order_name}}",
    zh: "感谢告知。我们会尽量在发货前修改{{#order_name}}订单 {{order_name}}{{/order_name}}{{^order_name}}您的订单{{/order_name}}。请确认具体需要修改的内容（地址、尺码、颜色或商品），修改完成后我们会第一时间通知您。{{^order_name}}提供订单号可以帮助我们更快找到订单。{{/order_name}}",
    es: "Gracias por avisarnos. Intentaremos modificar{{#order_name}} el pedido {{order_name}}{{/order_name}}{{^order_name}} tu pedido{{/order_name}} antes de que se envíe. Confírmanos exactamente qué hay que cambiar (dirección, talla, color o artículo) y te avisaremos en cuanto esté hecho.{{^order_name}} Tu número de pedido nos ayudará a encontrarlo rápido.{{/order_name}}",
    fr: "Merci de nous avoir prévenus. Nous allons essayer de modifier{{#order_name}} la commande {{order_name}}{{/order_name}}{{^order_name}} votre commande{{/order_name}} avant son expédition. Pouvez-vous nous confirmer précisément ce qui doit changer (adresse, taille, couleur ou article) ? Nous vous préviendrons dès que c'est fait.{{^order_name}} Votre numéro de commande nous aidera à la retrouver rapidement.{{/order_name}}",
  },
  product_info: {
    en: "Thanks for your interest! Every product page lists the materials, sizing and care details: {{shop_url}}/collections/all\nTell us which product you're looking at and what you'd like to know, and we'll answer in detail.",
    zh: "感谢您的关注！每个商品页面都列有材质、尺码和保养说明：{{shop_url}}/collections/all\n请告诉我们您关注的是哪件商品以及想了解的内容，我们会详细解答。",
    es: "¡Gracias por tu interés! Cada página de producto indica materiales, tallas y cuidados: {{shop_url}}/collections/all\nDinos qué producto estás mirando y qué quieres saber, y te responderemos con detalle.",
    fr: "Merci de votre intérêt ! Chaque fiche produit indique les matières, les tailles et l'entretien : {{shop_url}}/collections/all\nDites-nous quel produit vous intéresse et ce que vous souhaitez savoir, nous vous répondrons en détail.",
  },
  stock_availability: {
    en: "Thanks for asking! Availability is shown live on each product page. If the size or colour you want is sold out, tell us which one and we'll let you know when it's back in stock.",
    zh: "感谢您的询问！每个商品页面都会实时显示库存情况。如果您想要的尺码或颜色已售罄，请告诉我们具体款式，到货后我们会第一时间通知您。",
    es: "¡Gracias por preguntar! La disponibilidad se muestra en tiempo real en cada página de producto. Si la talla o el color que buscas está agotado, dinos cuál es y te avisaremos cuando vuelva a estar disponible.",
    fr: "Merci de votre question ! La disponibilité est indiquée en temps réel sur chaque fiche produit. Si la taille ou la couleur souhaitée est épuisée, dites-nous laquelle et nous vous préviendrons dès son retour en stock.",
  },
  discount_pricing: {
    en: "Thanks for reaching out about pricing. Current offers are shown on our site: {{shop_url}}\nIf a discount code isn't working, send us the code and a screenshot of the checkout message and we'll sort it out.",
    zh: "感谢您咨询价格与优惠。当前的优惠活动请见我们的网站：{{shop_url}}\n如果折扣码无法使用，请把折扣码和结账页面提示的截图发给我们，我们会帮您处理。",
    es: "Gracias por escribirnos sobre precios. Las ofertas actuales están en nuestra web: {{shop_url}}\nSi un código de descuento no funciona, envíanos el código y una captura del mensaje del pago y lo solucionamos.",
    fr: "Merci pour votre message sur nos prix. Les offres en cours sont sur notre site : {{shop_url}}\nSi un code de réduction ne fonctionne pas, envoyez-nous le code et une capture du message affiché au paiement, nous réglerons cela.",
  },
  payment_issue: {
    en: "Sorry about the trouble with your payment{{#order_name}} for order {{order_name}}{{/order_name}}. For your security, never send us card details by email. Could you tell us what happened (an error message, or a charge you don't recognise) and the date? We'll check it with our payment provider.",
    zh: "很抱歉您在付款时遇到问题{{#order_name}}（订单 {{order_name}}）{{/order_name}}。为了您的安全，请不要通过邮件发送银行卡信息。请告诉我们具体情况（错误提示或无法识别的扣款）以及日期，我们会与支付服务商核实。",
    es: "Sentimos los problemas con tu pago{{#order_name}} del pedido {{order_name}}{{/order_name}}. Por tu seguridad, nunca nos envíes datos de tu tarjeta por correo. ¿Nos cuentas qué ocurrió (un mensaje de error o un cargo que no reconoces) y la fecha? Lo revisaremos con nuestro proveedor de pagos.",
    fr: "Désolés pour ce problème de paiement{{#order_name}} concernant la commande {{order_name}}{{/order_name}}. Pour votre sécurité, ne nous envoyez jamais vos coordonnées bancaires par e-mail. Pourriez-vous nous décrire ce qui s'est passé (message d'erreur ou prélèvement inconnu) et la date ? Nous vérifierons avec notre prestataire de paiement.",
  },
  complaint: {
    en: "We're very sorry about this{{#order_name}} (order {{order_name}}){{/order_name}}, and thank you for telling us. This isn't the experience we want you to have. If something arrived damaged or wrong, could you send a photo of the item and the packaging? A member of our team is looking into it personally and will come back to you with a solution.",
    zh: "非常抱歉给您带来不好的体验{{#order_name}}（订单 {{order_name}}）{{/order_name}}，感谢您告诉我们。如果商品有损坏或发错，请发送商品和包装的照片。我们的同事会亲自跟进，并尽快给您解决方案。",
    es: "Lo sentimos mucho{{#order_name}} (pedido {{order_name}}){{/order_name}} y gracias por contárnoslo. No es la experiencia que queremos darte. Si el artículo llegó dañado o equivocado, ¿nos envías una foto del artículo y del embalaje? Una persona de nuestro equipo lo revisará personalmente y te propondrá una solución.",
    fr: "Nous sommes vraiment désolés{{#order_name}} (commande {{order_name}}){{/order_name}} et vous remercions de nous l'avoir signalé. Ce n'est pas l'expérience que nous voulons vous offrir. Si l'article est arrivé abîmé ou erroné, pourriez-vous nous envoyer une photo de l'article et de l'emballage ? Un membre de notre équipe s'en occupe personnellement et reviendra vers vous avec une solution.",
  },
  negative_review_threat: {
    en: "Thank you for your message, and we're sorry things have come to this{{#order_name}} with order {{order_name}}{{/order_name}}. We want to put it right. A senior member of our team has your case and will contact you personally within one business day with a concrete solution.",
    zh: "感谢您的来信，很抱歉事情发展到这一步{{#order_name}}（订单 {{order_name}}）{{/order_name}}。我们希望妥善解决。我们的资深同事已接手您的问题，会在一个工作日内亲自联系您并给出具体的解决方案。",
    es: "Gracias por tu mensaje, y sentimos que hayamos llegado a este punto{{#order_name}} con el pedido {{order_name}}{{/order_name}}. Queremos solucionarlo. Una persona responsable de nuestro equipo lleva tu caso y se pondrá en contacto contigo en un día hábil con una solución concreta.",
    fr: "Merci pour votre message, et nous sommes désolés d'en être arrivés là{{#order_name}} avec la commande {{order_name}}{{/order_name}}. Nous voulons arranger les choses. Un responsable de notre équipe a pris votre dossier en main et vous contactera personnellement sous un jour ouvré avec une solution concrète.",
  },
  wholesale_partnership: {
    en: "Thank you for your interest in working with us! Please send us a few details: your company or channel, the products and quantities you have in mind, and your country. The right person on our team will get back to you.",
    zh: "感谢您有意与我们合作！请提供一些信息：公司或渠道名称、感兴趣的商品和数量，以及所在国家/地区。我们团队的相关负责人会与您联系。",
    es: "¡Gracias por tu interés en colaborar con nosotros! Envíanos algunos datos: tu empresa o canal, los productos y cantidades que te interesan y tu país. La persona adecuada de nuestro equipo te responderá.",
    fr: "Merci de votre intérêt pour une collaboration ! Envoyez-nous quelques informations : votre entreprise ou votre chaîne, les produits et quantités envisagés et votre pays. La bonne personne de notre équipe reviendra vers vous.",
  },
  account_help: {
    en: 'Happy to help with your account. To reset your password, use "Forgot your password?" on the login page: {{shop_url}}/account/login\nTo change your newsletter preferences or have your data deleted, reply to this email and we\'ll take care of it.',
    zh: "很乐意帮您处理账户问题。如需重置密码，请在登录页面点击“忘记密码”：{{shop_url}}/account/login\n如需修改订阅设置或删除您的个人数据，请直接回复此邮件，我们会为您处理。",
    es: 'Encantados de ayudarte con tu cuenta. Para restablecer la contraseña, usa "¿Olvidaste tu contraseña?" en la página de acceso: {{shop_url}}/account/login\nPara cambiar tus preferencias de newsletter o eliminar tus datos, responde a este correo y nos encargamos.',
    fr: "Avec plaisir pour votre compte. Pour réinitialiser votre mot de passe, utilisez « Mot de passe oublié ? » sur la page de connexion : {{shop_url}}/account/login\nPour modifier vos préférences de newsletter ou faire supprimer vos données, répondez à cet e-mail et nous nous en occupons.",
  },
  greeting_thanks: {
    en: "Thank you for your message! If there's anything else we can help with, just reply to this email.",
    zh: "感谢您的留言！如果还有其他需要帮助的地方，直接回复此邮件即可。",
    es: "¡Gracias por tu mensaje! Si necesitas algo más, responde a este correo.",
    fr: "Merci pour votre message ! Si nous pouvons vous aider pour autre chose, il suffit de répondre à cet e-mail.",
  },
  spam: {
    en: "Thank you for your message. We are not interested in this offer.",
    zh: "感谢来信，我们对此不感兴趣。",
    es: "Gracias por tu mensaje. No nos interesa esta oferta.",
    fr: "Merci pour votre message. Cette offre ne nous intéresse pas.",
  },
  unknown: {
    en: "Thank you for contacting us! We've received your message and a member of our team will get back to you shortly.",
    zh: "感谢您联系我们！我们已收到您的留言，团队成员会尽快回复您。",
    es: "¡Gracias por contactarnos! Hemos recibido tu mensaje y una persona de nuestro equipo te responderá en breve.",
    fr: "Merci de nous avoir contactés ! Nous avons bien reçu votre message et un membre de notre équipe vous répondra rapidement.",
  },
};

// Order answers list the ordered products (with UTM-tagged links).
const WITH_ITEMS: ReadonlySet<TemplateIntent> = new Set(["order_status"]);
// Spam is never answered unless the merchant turns its template on.
const DISABLED: ReadonlySet<TemplateIntent> = new Set(["spam"]);

export function defaultTemplate(intent: TemplateIntent, language: InboxLanguage): DefaultTemplate {
  const content = CONTENT[intent][language] + (WITH_ITEMS.has(intent) ? ITEMS[language] : "");
  return {
    intent,
    language,
    subject: SUBJECT[language],
    body: `${GREETING[language]}\n\n${content}\n\n${SIGN_OFF[language]}`,
    enabled: !DISABLED.has(intent),
  };
}

export function defaultTemplates(): DefaultTemplate[] {
  return TEMPLATE_INTENTS.flatMap((intent) => INBOX_LANGUAGES.map((language) => defaultTemplate(intent, language)));
}
