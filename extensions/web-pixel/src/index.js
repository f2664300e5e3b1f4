// Entry point Shopify's CLI bundles: the logic lives in pixel.js (tested on its own).
import { register } from "@shopify/web-pixels-extension";
import { createPixel } from "./pixel.js";

register(createPixel);
