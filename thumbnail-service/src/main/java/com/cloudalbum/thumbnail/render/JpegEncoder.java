package com.cloudalbum.thumbnail.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Baseline JPEG through the JDK's writer; without metadata it writes a bare JFIF header. */
final class JpegEncoder implements Encoder {

    @Override
    public RenditionFormat format() {
        return RenditionFormat.JPEG;
    }

    @Override
    public byte[] encode(BufferedImage image, RenditionSpec spec) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(spec.jpegQuality());
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), param);
        }
        catch (IOException e) {
            throw new UncheckedIOException("JPEG encoding into memory failed", e);
        }
        finally {
            writer.dispose();
        }
        return bytes.toByteArray(); // a rendition (at most 1600 px a side), never an upload
    }
}
