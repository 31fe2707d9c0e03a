# language: zh-CN
功能: 注入
  场景: 一个
    假如 适用规则集“__import__('os').system('touch /tmp/pwned')”
    那么 该案卷合规
