package com.cloudalbum.thumbnail.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * WebP vs JPEG rendition size at matched visual quality (bench/heic.sh). Scales {@code photo} to a spec's box the
 * way the renderer does, encodes it as the service's JPEG and as WebP at q = 40 … 100 (thumbnail every 1, preview every 2), and compares each decoded
 * result with the scaled pixels by SSIM (luma, 8 × 8 windows every 4 pixels, the usual constants). The matched WebP
 * is the lowest quality whose SSIM is at least the JPEG's. Not a test. Usage: {@code WebpQualityBench <photo>
 * <thumbnail|preview>}.
 */
final class WebpQualityBench {

    private WebpQualityBench() {
    }

    public static void main(String[] args) throws IOException {
        BufferedImage source = ImageIO.read(Path.of(args[0]).toFile());
        RenditionSpec spec = "preview".equals(args[1]) ? RenditionSpec.PREVIEW : RenditionSpec.THUMBNAIL;
        BufferedImage scaled = Scaler.scale(source, Size.fit(source.getWidth(), source.getHeight(), spec),
                Orientation.NORMAL);
        byte[] jpeg = new JpegEncoder().encode(scaled, spec);
        double jpegSsim = ssim(scaled, ImageIO.read(new ByteArrayInputStream(jpeg)));
        WebpEncoder webp = new WebpEncoder();
        String matched = "none reaches it";
        String service = "";
        int step = spec.maxWidth() > 400 ? 2 : 1;
        for (int q = 40; q <= 100; q += step) {
            RenditionSpec at = new RenditionSpec(spec.name(), spec.maxWidth(), spec.maxHeight(), spec.jpegQuality(), q);
            byte[] encoded = webp.encode(scaled, at);
            double ssim = ssim(scaled, ImageIO.read(new ByteArrayInputStream(encoded)));
            String line = String.format("WebP q%d %7d B (SSIM %.4f) = %+.0f %%", q, encoded.length, ssim,
                    100.0 * (encoded.length - jpeg.length) / jpeg.length);
            if (ssim >= jpegSsim && matched.startsWith("none")) {
                matched = line;
            }
            if (q == Math.round(spec.webpQuality())) {
                service = "; service's " + line;
            }
        }
        System.out.printf("%-16s %-9s %dx%d JPEG q%.2f %7d B (SSIM %.4f); matched %s%s%n",
                Path.of(args[0]).getFileName(), spec.name(), scaled.getWidth(), scaled.getHeight(), spec.jpegQuality(),
                jpeg.length, jpegSsim, matched, service);
    }

    /** Mean SSIM of the luma of {@code a} and {@code b} (same size). */
    static double ssim(BufferedImage a, BufferedImage b) {
        int w = a.getWidth();
        int h = a.getHeight();
        double[] x = luma(a);
        double[] y = luma(b);
        double c1 = Math.pow(0.01 * 255, 2);
        double c2 = Math.pow(0.03 * 255, 2);
        double total = 0;
        int windows = 0;
        for (int top = 0; top + 8 <= h; top += 4) {
            for (int left = 0; left + 8 <= w; left += 4) {
                double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
                for (int j = top; j < top + 8; j++) {
                    for (int i = left; i < left + 8; i++) {
                        double p = x[j * w + i];
                        double q = y[j * w + i];
                        sx += p;
                        sy += q;
                        sxx += p * p;
                        syy += q * q;
                        sxy += p * q;
                    }
                }
                double n = 64;
                double mx = sx / n, my = sy / n;
                double vx = sxx / n - mx * mx, vy = syy / n - my * my, cov = sxy / n - mx * my;
                total += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                windows++;
            }
        }
        return total / windows;
    }

    private static double[] luma(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] luma = new double[w * h];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                int rgb = image.getRGB(i, j);
                luma[j * w + i] = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
            }
        }
        return luma;
    }
}
