@NullMarked
package com.cloudalbum.common.aws;

import org.jspecify.annotations.NullMarked;
