"""A 12-megapixel test photo: smooth gradients with sensor-like noise, saved like a camera would (quality 92, 4:2:0)."""
import sys

from PIL import Image, ImageChops, ImageFilter

width, height = 4000, 3000
path = sys.argv[1]
red = Image.linear_gradient("L").resize((width, height))
green = Image.radial_gradient("L").resize((width, height))
blue = red.transpose(Image.Transpose.ROTATE_180)
noise = Image.effect_noise((width, height), 24).filter(ImageFilter.GaussianBlur(0.6))
channels = [ImageChops.add(c, noise, scale=1.0, offset=-64) for c in (red, green, blue)]
Image.merge("RGB", channels).save(path, "JPEG", quality=92, subsampling=2)
