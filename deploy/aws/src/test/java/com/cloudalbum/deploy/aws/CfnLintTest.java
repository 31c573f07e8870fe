package com.cloudalbum.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * cfn-lint over the synthesized template: the resource specifications CloudFormation itself checks
 * (property names and types, enum values, ARNs) without an AWS account. Errors fail the build;
 * warnings are printed. W3005 (redundant DependsOn) is CDK's own doing.
 */
class CfnLintTest {

    /** cfn-lint's exit status is a bit mask: 2 errors, 4 warnings, 8 informational. */
    private static final int ERRORS = 2;

    @Test
    void cfnLint_onTheSynthesizedTemplate_reportsNoErrors() throws Exception {
        SynthesizedStack stack = SynthesizedStack.defaults();
        Process lint = start(List.of("cfn-lint", "--format", "parseable", "--ignore-checks", "W3005", "--",
                stack.templateFile().toString()));
        String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!lint.waitFor(3, TimeUnit.MINUTES)) {
            lint.destroyForcibly();
            fail("cfn-lint did not finish in 3 minutes");
        }
        System.out.println("cfn-lint exit " + lint.exitValue() + (report.isBlank() ? ", nothing reported" : ":\n" + report));

        assertThat(lint.exitValue() & ERRORS).as("cfn-lint errors:%n%s", report).isZero();
        assertThat(lint.exitValue()).as("cfn-lint failed to run:%n%s", report).isLessThan(16);
    }

    private static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("cfn-lint is not on the PATH, so the synthesized template cannot be checked. "
                    + "Install it (python3 -m pip install cfn-lint; .ci/run does this when it is missing) and run again.", e);
        }
    }
}
