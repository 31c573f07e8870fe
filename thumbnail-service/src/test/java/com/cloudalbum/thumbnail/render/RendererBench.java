package com.cloudalbum.thumbnail.render;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Thumbnails per second on one thread, for comparing with Pillow on the same file. Not a test: run it by hand,
 * e.g. {@code java -cp target/classes:target/test-classes:<metadata-extractor and xmpcore jars>
 * com.cloudalbum.thumbnail.render.RendererBench photo.jpg 200 [both]}, or {@code bench/run.sh}. The file is read into memory once so only
 * decode, scale and encode are timed; a tenth of the iterations (at least one) run first as JIT warm-up.
 */
final class RendererBench {

    private RendererBench() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3 || args.length == 3 && !"both".equals(args[2])) {
            System.err.println("usage: RendererBench <photo.jpg> <iterations> [both]");
            System.exit(2);
        }
        byte[] original = Files.readAllBytes(Path.of(args[0]));
        int iterations = Integer.parseInt(args[1]);
        // -Ddecoder=imageio: the JDK's decoder only, for comparison
        boolean imageIoOnly = "imageio".equals(System.getProperty("decoder"));
        Renderer renderer = imageIoOnly
                ? new Renderer(Renderer.DEFAULT_MAX_PIXELS, false, Renderer.DEFAULT_MAX_BUFFERED_BYTES)
                : new Renderer();
        // "both" is what the service does per photo: one decode, preview and thumbnail
        List<RenditionSpec> specs = args.length == 3
                ? List.of(RenditionSpec.PREVIEW, RenditionSpec.THUMBNAIL) : List.of(RenditionSpec.THUMBNAIL);

        long bytesOut = 0;
        for (int i = 0; i < Math.max(1, iterations / 10); i++) {
            bytesOut += renderer.render(new ByteArrayInputStream(original), specs).get(specs.size() - 1).jpeg().length;
        }
        long start = System.nanoTime();
        Rendition last = null;
        for (int i = 0; i < iterations; i++) {
            last = renderer.render(new ByteArrayInputStream(original), specs).get(specs.size() - 1);
            bytesOut += last.jpeg().length;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("[%s] %s%s: %d thumbnails in %.2f s = %.1f thumbnails/s (%dx%d, %d bytes; checksum %d)%n",
                imageIoOnly ? "ImageIO" : renderer.decoder().startsWith("TurboJPEG") ? "TurboJPEG" : "ImageIO",
                specs.size() == 2 ? "preview+thumbnail " : "", args[0], iterations, seconds, iterations / seconds, last == null ? 0 : last.width(),
                last == null ? 0 : last.height(), last == null ? 0 : last.jpeg().length, bytesOut);
    }
}
