/**
 * What a site does for web browsers, as {@link io.ossgate.proxy.SitePolicy} hooks the proxy calls
 * on its request path: inline preview (undoing OSS's forced download on default domains), static
 * website documents (index and error documents) and CORS answered by the gateway.
 *
 * <p>Each rule is a pure class ({@link io.ossgate.proxy.browser.InlinePreview},
 * {@link io.ossgate.proxy.browser.IndexDocument}, {@link io.ossgate.proxy.browser.CorsRules}) with a
 * thin policy around it; {@link io.ossgate.proxy.browser.BrowserPolicies} builds a site's list.
 */
package io.ossgate.proxy.browser;
