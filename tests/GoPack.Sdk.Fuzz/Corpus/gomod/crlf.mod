module example.com/svc

go 1.19

require example.com/x v1.0.0 // indirect
