/** How the services' Netty (server, gateway client, AWS SDK client) allocates and slices bytes. */
@NullMarked
package com.cloudalbum.common.netty;

import org.jspecify.annotations.NullMarked;
