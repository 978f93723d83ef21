-- wrk script: GET /recommendations for a random one of BenchServer's 100,000 customers.
math.randomseed(42)
request = function()
  return wrk.format("GET", "/recommendations?customer=u" .. math.random(0, 99999) .. "&n=10")
end
