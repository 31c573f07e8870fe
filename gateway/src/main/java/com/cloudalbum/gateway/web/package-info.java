/**
 * The browser's side of the gateway: the single-page app's session (HttpOnly cookies instead of
 * tokens in script-readable storage), the cookie as a bearer token, CSRF and content-security rules.
 */
@NullMarked
package com.cloudalbum.gateway.web;

import org.jspecify.annotations.NullMarked;
