module example.com/gopack-template-module/service

go 1.19
