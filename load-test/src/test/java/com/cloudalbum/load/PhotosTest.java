package com.cloudalbum.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.jpeg.JpegDirectory;
import org.junit.jupiter.api.Test;

class PhotosTest {

    @Test
    void photo_isA12MegapixelJpegOf3To5MegabytesWithGps() throws Exception {
        byte[] photo = Photos.photo(1);

        assertThat(photo.length).isBetween(3_000_000, 5_000_000);
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(photo));
        JpegDirectory jpeg = metadata.getFirstDirectoryOfType(JpegDirectory.class);
        assertThat(jpeg.getImageWidth()).isEqualTo(4000);
        assertThat(jpeg.getImageHeight()).isEqualTo(3000);
        GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
        assertThat(gps.getGeoLocation().getLatitude()).isBetween(48.8, 48.9);
        assertThat(gps.getGeoLocation().getLongitude()).isBetween(2.25, 2.45);
    }

    @Test
    void generate_givesDistinctPhotos() {
        var photos = Photos.generate(2, 64, 48);

        assertThat(photos.get(0)).isNotEqualTo(photos.get(1));
    }
}
