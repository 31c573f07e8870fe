package com.cloudalbum.deploy.aws;

import static com.cloudalbum.deploy.aws.SynthesizedStack.cast;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * A task's memory is the sum of what its containers may use, read back from the template: the JVM's caps
 * (JDK_JAVA_OPTIONS), the sidecars' hard limits, and the headroom, per service.
 */
class MemoryTest {

    static final List<ServiceSpec> SERVICES = ServicesTest.SERVICES;

    private final SynthesizedStack stack = SynthesizedStack.defaults();

    @ParameterizedTest
    @FieldSource("SERVICES")
    void taskMemory_ofEachService_holdsHeapDirectMetaspaceCodeStacksAndSidecarsWithHeadroom(ServiceSpec spec) {
        String options = String.valueOf(stack.environment(spec.name()).get(AlbumService.JAVA_OPTIONS_VARIABLE));
        JvmMemory budget = JvmMemory.of(spec);
        int taskMiB = Integer.parseInt(String.valueOf(stack.props(stack.taskDefinitionId(spec.name())).get("Memory")));
        int collectorMiB = ((Number) stack.container(spec.name(), Collector.CONTAINER_NAME).get("Memory")).intValue();

        long heap = mebibytes(options, "-Xmx(\\d+[kmg])");
        long direct = mebibytes(options, "-XX:MaxDirectMemorySize=(\\d+[kmg])");
        long metaspace = mebibytes(options, "-XX:MaxMetaspaceSize=(\\d+[kmg])");
        long code = mebibytes(options, "-XX:ReservedCodeCacheSize=(\\d+[kmg])");
        long stacks = (budget.threads() * kibibytes(options, "-Xss(\\d+[kmg])") + 1023) / 1024;
        long jvm = heap + direct + metaspace + code + stacks + budget.jvmOtherMiB() + budget.nativeMiB();
        long used = jvm + collectorMiB + JvmMemory.SERVICE_CONNECT_PROXY_MIB;

        assertThat(used * 100 / taskMiB)
                .as("%s: heap %d + direct %d + metaspace %d + code %d + stacks %d + JVM %d + native %d + collector %d + proxy %d"
                                + " = %d MiB of %d", spec.name(), heap, direct, metaspace, code, stacks, budget.jvmOtherMiB(),
                        budget.nativeMiB(), collectorMiB, JvmMemory.SERVICE_CONNECT_PROXY_MIB, used, taskMiB)
                .isLessThanOrEqualTo(100 - JvmMemory.HEADROOM_PERCENT);
        assertThat(used).isEqualTo(budget.taskTotalMiB());
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void jvm_ofEachService_capsEveryPoolItCanGrow(ServiceSpec spec) {
        assertThat(String.valueOf(stack.environment(spec.name()).get(AlbumService.JAVA_OPTIONS_VARIABLE)))
                .containsPattern("-Xmx\\d+m")
                .containsPattern("-XX:MaxDirectMemorySize=\\d+m")
                .containsPattern("-XX:MaxMetaspaceSize=\\d+m")
                .containsPattern("-XX:ReservedCodeCacheSize=\\d+m")
                .containsPattern("-Xss\\d+k");
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void collector_ofEachService_hasAHardLimit(ServiceSpec spec) {
        Map<String, Object> collector = stack.container(spec.name(), Collector.CONTAINER_NAME);
        assertThat(collector).containsEntry("Memory", JvmMemory.COLLECTOR_MIB);
        List<Map<String, Object>> containers = cast(stack.props(stack.taskDefinitionId(spec.name())).get("ContainerDefinitions"));
        assertThat(containers).as("the app and the collector; ECS adds the Service Connect proxy").hasSize(2);
    }

    private static long mebibytes(String options, String pattern) {
        return kibibytes(options, pattern) / 1024;
    }

    private static long kibibytes(String options, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(options);
        assertThat(m.find()).as("%s in %s", pattern, options).isTrue();
        String value = m.group(1);
        long n = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 'k' -> n;
            case 'm' -> n * 1024;
            default -> n * 1024 * 1024;
        };
    }
}
