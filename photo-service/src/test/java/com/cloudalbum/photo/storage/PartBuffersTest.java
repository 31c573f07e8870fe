package com.cloudalbum.photo.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartBuffersTest {

    @Test
    void take_afterGive_returnsTheSameBuffer() {
        PartBuffers buffers = new PartBuffers(2);
        byte[] first = buffers.take(16);
        buffers.give(first);

        assertThat(buffers.take(16)).isSameAs(first);
        assertThat(buffers.kept()).isZero();
    }

    @Test
    void give_beyondTheLimit_keepsOnlyTheLimit() {
        PartBuffers buffers = new PartBuffers(2);
        byte[] a = buffers.take(16);
        byte[] b = buffers.take(16);
        byte[] c = buffers.take(16);
        buffers.give(a);
        buffers.give(b);
        buffers.give(c);

        assertThat(buffers.kept()).isEqualTo(2);
        assertThat(buffers.take(16)).isSameAs(a);
        assertThat(buffers.take(16)).isSameAs(b);
        assertThat(buffers.take(16)).isNotSameAs(c);
    }

    @Test
    void take_ofAnotherSize_allocatesAFreshBuffer() {
        PartBuffers buffers = new PartBuffers(2);
        buffers.give(new byte[16]);

        assertThat(buffers.take(32)).hasSize(32);
        assertThat(buffers.kept()).isZero();
    }
}
