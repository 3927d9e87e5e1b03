// H5 only: Taro's previewImage shows photos in a Swiper carousel, and importing it put Swiper
// (~50 KB gzipped) into every page's first load although a photo is opened only on a tap.
// This stand-in loads the real implementation on the first preview.
export const previewImage = (options) =>
  import(/* webpackChunkName: "preview-image" */ '@tarojs/taro-h5/dist/api/media/image/previewImage.js').then((m) =>
    m.previewImage(options),
  );
