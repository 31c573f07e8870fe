import java.awt.image.BufferedImage;
import java.io.File;
import java.io.RandomAccessFile;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;

/**
 * A camera-like JPEG for the upload benchmark: gradients with sensor-like noise, so it compresses like a photo.
 * Usage: java MakeJpeg.java out.jpg width height noise [padToBytes] — padding appends random bytes after the image's
 * end, making a large file the upload path treats as a JPEG.
 */
public class MakeJpeg {

    public static void main(String[] args) throws Exception {
        int width = Integer.parseInt(args[1]);
        int height = Integer.parseInt(args[2]);
        int noise = Integer.parseInt(args[3]);
        Random random = new Random(42);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = clamp(x * 255 / width + random.nextInt(2 * noise + 1) - noise);
                int g = clamp(y * 255 / height + random.nextInt(2 * noise + 1) - noise);
                int b = clamp((x + y) * 255 / (width + height) + random.nextInt(2 * noise + 1) - noise);
                image.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(0.92f);
        File out = new File(args[0]);
        out.delete();
        try (FileImageOutputStream stream = new FileImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        if (args.length > 4) {
            long pad = Long.parseLong(args[4]);
            try (RandomAccessFile file = new RandomAccessFile(out, "rw")) {
                byte[] block = new byte[1 << 20];
                file.seek(file.length());
                while (file.length() < pad) {
                    random.nextBytes(block);
                    file.write(block, 0, (int) Math.min(block.length, pad - file.length()));
                }
            }
        }
        System.out.println(out + " " + out.length() + " bytes");
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
