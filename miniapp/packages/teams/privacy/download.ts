import Taro from '@tarojs/taro';

/**
 * Saves the export as a file: on H5 the browser downloads it; on weapp it is written to the user's
 * data folder and offered to send to a chat (the way WeChat lets people keep a file).
 */
export async function saveJson(fileName: string, data: unknown): Promise<string> {
  const text = JSON.stringify(data, null, 2);
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return '已开始下载';
  }
  const path = `${(Taro as unknown as { env: { USER_DATA_PATH: string } }).env.USER_DATA_PATH}/${fileName}`;
  Taro.getFileSystemManager().writeFileSync(path, text, 'utf8');
  try {
    await (
      Taro as unknown as { shareFileMessage: (o: { filePath: string; fileName: string }) => Promise<void> }
    ).shareFileMessage({ filePath: path, fileName });
    return '已发送到聊天';
  } catch {
    return '已保存到小程序文件夹';
  }
}
