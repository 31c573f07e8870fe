@NullMarked
package com.cloudalbum.user.profile;

import org.jspecify.annotations.NullMarked;
