// The environment every test process runs with (what testConfig() uses too).
export const TEST_API_KEY = "testApiKey";
export const TEST_API_SECRET = "testApiSecretKey";
export const TEST_APP_URL = "https://my-test-app.myshopify.io";
export const TEST_SHOP = "test-shop.myshopify.com";
