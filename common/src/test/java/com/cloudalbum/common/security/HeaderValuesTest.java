package com.cloudalbum.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

class HeaderValuesTest {

    @Test
    void allowed_agreesWithSpringSecuritysRuleOnEveryBmpCharacterAndSomeBeyond() {
        for (int cp = 0; cp <= 0xFFFF; cp++) {
            assertSame(String.valueOf((char) cp));
            assertSame("Bearer abc" + (char) cp + "def");
        }
        for (int cp : new int[] {0x1F600, 0xE0001, 0x10FFFF, 0x2FFFF, 0xF0000}) {
            assertSame(new String(Character.toChars(cp)));
        }
        assertSame("\uD83D"); // a lone high surrogate
        assertSame("x\uDE00y"); // a lone low surrogate
    }

    @Test
    void allowed_agreesWithSpringSecuritysRuleOnRandomMixes() {
        Random random = new Random(42);
        int[] pool = {'a', ' ', '\t', '\r', '\n', 0x7F, 0x85, 0xA0, 'é', 0x0378, 0x1F600, 0xFFFE, 0xD800, 0xDC00};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                value.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            assertSame(value.toString());
        }
    }

    @Test
    void allowed_takesTabsAndUnicodeButNoLineBreaksOrDeletes() {
        assertThat(HeaderValues.allowed("Bearer eyJ.abc-_~+/=")).isTrue();
        assertThat(HeaderValues.allowed("a\tb")).isTrue();
        assertThat(HeaderValues.allowed("Zürich 😀")).isTrue();
        assertThat(HeaderValues.allowed("")).isTrue();
        assertThat(HeaderValues.allowed(null)).isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(null)).isTrue();
        assertThat(HeaderValues.allowed("a\r\nX-Injected: 1")).isFalse();
        assertThat(HeaderValues.allowed("a\u007F")).isFalse();
        assertThat(HeaderValues.allowed("a\u0000")).isFalse();
    }

    private static void assertSame(String value) {
        assertThat(HeaderValues.allowed(value)).as("%s", value.codePoints().mapToObj(Integer::toHexString).toList())
                .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(value));
    }
}
