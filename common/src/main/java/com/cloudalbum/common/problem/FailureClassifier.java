package com.cloudalbum.common.problem;

import org.jspecify.annotations.Nullable;

/**
 * Tells what an unmapped failure means ({@link ClassifiedFailure}); {@code null} when it does not
 * know the failure. {@link ProblemErrorWebExceptionHandler} asks every classifier bean in order, so
 * adapters can let SDK and transport exceptions through unmapped and still answer the same way.
 */
@FunctionalInterface
public interface FailureClassifier {

    @Nullable
    ClassifiedFailure classify(Throwable failure);
}
