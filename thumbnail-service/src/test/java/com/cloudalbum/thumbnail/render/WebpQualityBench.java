package com.cloudalbum.thumbnail.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * For matching WebP's quality to the JPEG renditions' (bench/heic.sh): scales {@code photo} to a spec's box the
 * way the renderer does and writes {@code <out>/ref.png} (lossless), {@code <out>/jpeg.jpg} at the spec's JPEG
 * quality and {@code <out>/webp-<q>.webp} for q = 50, 55 … 95. The script compares each against ref.png (SSIM).
 * Not a test. Usage: {@code WebpQualityBench <photo> <thumbnail|preview> <out dir>}.
 */
final class WebpQualityBench {

    private WebpQualityBench() {
    }

    public static void main(String[] args) throws IOException {
        BufferedImage source = ImageIO.read(Path.of(args[0]).toFile());
        RenditionSpec spec = "preview".equals(args[1]) ? RenditionSpec.PREVIEW : RenditionSpec.THUMBNAIL;
        Path out = Files.createDirectories(Path.of(args[2]));
        BufferedImage scaled = Scaler.scale(source, Size.fit(source.getWidth(), source.getHeight(), spec),
                Orientation.NORMAL);
        ImageIO.write(scaled, "png", out.resolve("ref.png").toFile());
        Files.write(out.resolve("jpeg.jpg"), new JpegEncoder().encode(scaled, spec));
        WebpEncoder webp = new WebpEncoder();
        for (int q = 50; q <= 95; q += 5) {
            RenditionSpec at = new RenditionSpec(spec.name(), spec.maxWidth(), spec.maxHeight(), spec.jpegQuality(), q);
            Files.write(out.resolve("webp-" + q + ".webp"), webp.encode(scaled, at));
        }
    }
}
