@NullMarked
package com.cloudalbum.gateway.route;

import org.jspecify.annotations.NullMarked;
