# language: zh-CN
功能: 路径
  场景: 一个
    假如 案卷文件“../../../../../../etc/passwd”
    那么 该案卷合规
