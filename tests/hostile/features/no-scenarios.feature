# language: zh-CN
功能: 空的
