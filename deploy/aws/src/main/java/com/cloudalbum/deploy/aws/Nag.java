package com.cloudalbum.deploy.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * Where the stack decides against a cdk-nag AwsSolutions rule, the reason is written on the resource, in the
 * {@code cdk_nag} metadata cdk-nag reads ({@code NagSuppressions} writes the same); cdk-nag itself is only
 * needed by the tests ({@code NagTest}), not by {@code cdk synth}.
 */
final class Nag {

    private Nag() {
    }

    /** Suppresses {@code rule} (e.g. {@code AwsSolutions-IAM5}) on the construct's CloudFormation resource. */
    static void suppress(IConstruct construct, String rule, String reason, String... appliesTo) {
        CfnResource resource = construct instanceof CfnResource cfn ? cfn : (CfnResource) construct.getNode().getDefaultChild();
        if (resource == null) {
            throw new IllegalArgumentException(construct.getNode().getPath() + " has no CloudFormation resource");
        }
        Map<String, Object> suppression = new LinkedHashMap<>();
        suppression.put("id", rule);
        suppression.put("reason", reason);
        if (appliesTo.length > 0) {
            suppression.put("applies_to", List.of(appliesTo));
        }
        List<Object> rules = new ArrayList<>();
        if (resource.getMetadata("cdk_nag") instanceof Map<?, ?> existing && existing.get("rules_to_suppress") instanceof List<?> list) {
            rules.addAll(list);
        }
        rules.add(suppression);
        resource.addMetadata("cdk_nag", Map.of("rules_to_suppress", rules));
    }
}
