module example.com/gopack-template-module/shared

go 1.19
