module example.com/gopack-template-module

go 1.19
