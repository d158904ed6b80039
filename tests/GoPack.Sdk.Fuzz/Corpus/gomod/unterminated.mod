module example.com/svc

go 1.19

require (
	example.com/a v1.0.0
