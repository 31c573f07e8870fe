package com.cloudalbum.thumbnail.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Photos per second on one thread, for comparing with Pillow and ImageMagick on the same file. Not a test: run it
 * by hand, e.g. {@code java -cp target/classes:target/test-classes:<runtime classpath>
 * com.cloudalbum.thumbnail.render.RendererBench photo.jpg 200 [both]}, or {@code bench/run.sh}. The file is read
 * into memory once so only decode, scale and encode are timed; a tenth of the iterations (at least one) run first
 * as JIT warm-up. {@code -Ddecoder=imageio}: no native library (the JDK's decoder, JPEG renditions only);
 * {@code -Dwebp=false}: JPEG renditions only, with the native decoders.
 */
final class RendererBench {

    private RendererBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3 || args.length == 3 && !"both".equals(args[2])) {
            System.err.println("usage: RendererBench <photo> <iterations> [both]");
            System.exit(2);
        }
        byte[] original = Files.readAllBytes(Path.of(args[0]));
        int iterations = Integer.parseInt(args[1]);
        Set<NativeLibrary> libraries = EnumSet.noneOf(NativeLibrary.class);
        if (!"imageio".equals(System.getProperty("decoder"))) {
            libraries.addAll(NativeLibrary.present());
        }
        if ("false".equals(System.getProperty("webp"))) {
            libraries.remove(NativeLibrary.LIBWEBP);
        }
        Renderer renderer = new Renderer(Renderer.DEFAULT_MAX_PIXELS, libraries, Renderer.DEFAULT_MAX_BUFFERED_BYTES);
        // "both" is what the service does per photo: one decode, preview and thumbnail
        List<RenditionSpec> specs = args.length == 3
                ? List.of(RenditionSpec.PREVIEW, RenditionSpec.THUMBNAIL) : List.of(RenditionSpec.THUMBNAIL);

        long bytesOut = 0;
        for (int i = 0; i < Math.max(1, iterations / 10); i++) {
            bytesOut += renderer.render(new ByteArrayInputStream(original), original.length, specs).size();
        }
        long start = System.nanoTime();
        List<Rendition> last = List.of();
        for (int i = 0; i < iterations; i++) {
            last = renderer.render(new ByteArrayInputStream(original), original.length, specs);
            bytesOut += last.get(0).bytes().length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String decoder = renderer.decodes(HeifDecoder.NAME) > 0 ? "libheif"
                : renderer.decodes(TurboJpegDecoder.NAME) > 0 ? "TurboJPEG" : "ImageIO";
        StringBuilder sizes = new StringBuilder();
        for (Rendition rendition : last) {
            sizes.append(' ').append(rendition.fileName()).append('=').append(rendition.width()).append('x')
                    .append(rendition.height()).append('/').append(rendition.bytes().length).append('B');
        }
        System.out.printf("[%s → %s] %s%s: %d photos in %.2f s = %.1f photos/s (%s; checksum %d)%n", decoder,
                renderer.renditionFormats(), specs.size() == 2 ? "preview+thumbnail " : "", args[0], iterations,
                seconds, iterations / seconds, sizes.toString().trim(), bytesOut);
    }
}
